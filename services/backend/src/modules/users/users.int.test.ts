import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';

let test: BackendTestApp;

beforeAll(async () => {
  test = await startBackendTestApp();
});

afterAll(async () => {
  await test.close();
});

const users = () => test.backend.services.users;

describe('users', () => {
  it('writes a visit once per few minutes, but at once when the token names the person differently', async () => {
    const person = await testPerson(test, 'renamed');
    expect(await users().recordVisit(person)).toBe('recent');

    const renamed = { ...person, name: 'Renamed Person' };
    expect(await users().recordVisit(renamed)).toBe('known');
    expect((await users().findByIds([person.userId]))[0]).toMatchObject({ name: 'Renamed Person' });
    expect(await users().recordVisit(renamed)).toBe('recent');

    const moved = { ...renamed, email: 'moved@example.test' };
    expect(await users().recordVisit(moved)).toBe('known');
    expect((await users().findByIds([person.userId]))[0]).toMatchObject({ email: 'moved@example.test' });
  });
});

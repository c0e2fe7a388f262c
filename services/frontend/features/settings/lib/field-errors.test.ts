import { describe, expect, it } from 'vitest';
import { fieldMessage, fieldPath, formFieldOf, placeError } from './field-errors';

describe('fieldPath', () => {
  it('drops the request part the backend prefixes', () => {
    expect(fieldPath('body.url')).toBe('url');
    expect(fieldPath('querystring.from')).toBe('from');
    expect(fieldPath('new_password')).toBe('new_password');
    expect(fieldPath('body')).toBeUndefined();
    expect(fieldPath(undefined)).toBeUndefined();
  });
});

describe('formFieldOf', () => {
  const fields = ['model', 'input_mtok', 'output_mtok', 'percent', 'url', 'events'];

  it('finds the deepest segment the form knows', () => {
    expect(formFieldOf({ message: 'x', field: 'body.override.prices.input_mtok' }, fields)).toBe(
      'input_mtok',
    );
    expect(formFieldOf({ message: 'x', field: 'body.events.0' }, fields)).toBe('events');
    expect(formFieldOf({ message: 'x', field: 'body.override.model' }, fields)).toBe('model');
  });

  it('uses an alias for a path the form names differently', () => {
    const aliases = { 'scope.value': 'scope_value', thresholds: 'thresholds' };
    expect(formFieldOf({ message: 'x', field: 'body.scope.value' }, ['scope_value'], aliases)).toBe(
      'scope_value',
    );
    expect(formFieldOf({ message: 'x', field: 'body.thresholds.2' }, [], aliases)).toBe('thresholds');
  });

  it('gives undefined for a field the form does not have, or none', () => {
    expect(formFieldOf({ message: 'x', field: 'body.secret' }, fields)).toBeUndefined();
    expect(formFieldOf({ message: 'x' }, fields)).toBeUndefined();
  });
});

describe('placeError', () => {
  it('puts a named field’s message next to it without repeating the name', () => {
    const error = { message: 'body.url: an http or https URL', field: 'body.url' };
    expect(fieldMessage(error)).toBe('an http or https URL');
    expect(placeError(error, ['url'])).toEqual({ fields: { url: 'an http or https URL' }, form: undefined });
  });

  it('puts anything else above the form', () => {
    expect(placeError({ message: 'Forbidden' }, ['url'])).toEqual({ fields: {}, form: 'Forbidden' });
    expect(placeError(null, ['url'])).toEqual({ fields: {}, form: undefined });
  });
});

'use client';

import {
  WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookTarget,
  type WebhookTestResult,
} from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Badge, Button, CopyButton, Select, TextField } from '@/components/ui';
import {
  useAddWebhook,
  useRemoveWebhook,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
} from '../hooks/use-webhooks';
import { placeError } from '../lib/field-errors';
import type { Permission } from '../lib/roles';
import { ActionError, QueryState } from './settings-section';
import styles from './settings.module.css';

const EVENT_LABELS: Record<WebhookEvent, string> = {
  threshold_crossed: 'Budget threshold crossed',
  threshold_forecast: 'Budget threshold forecast',
  spend_anomaly: 'Spend anomaly',
  error_rate_anomaly: 'Error-rate anomaly',
};

const FORMAT_OPTIONS = [
  { value: 'generic', label: 'Generic JSON' },
  { value: 'slack', label: 'Slack incoming webhook' },
];

/** Alert webhooks: each target with its switch, events, test and remove; and a new one. */
export function WebhooksPanel({ permission }: { permission: Permission }) {
  const webhooks = useWebhooks();
  return (
    <div className={styles.section}>
      <h3 className={styles.subHeading}>Alert webhooks</h3>
      {webhooks.data === undefined ? (
        <QueryState isPending={webhooks.isPending} error={webhooks.error} what="the webhooks" />
      ) : webhooks.data.items.length === 0 ? (
        <p className={styles.note}>
          No webhooks yet: fired alerts are only listed. Add a URL below to receive them.
        </p>
      ) : (
        <ul className={styles.list} aria-label="Alert webhooks">
          {webhooks.data.items.map((target) => (
            <WebhookItem key={target.id} target={target} permission={permission} />
          ))}
        </ul>
      )}
      <h4 className={styles.subHeading}>Add a webhook</h4>
      {permission.allowed ? <AddWebhookForm /> : <Alert tone="info">{permission.reason}</Alert>}
    </div>
  );
}

function AddWebhookForm() {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'generic' | 'slack'>('generic');
  const add = useAddWebhook();
  const placed = placeError(add.error, ['url', 'format']);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    add.mutate(
      { url: url.trim(), format },
      {
        onSuccess: () => {
          setUrl('');
        },
      },
    );
  };
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-label="Add a webhook">
      <div className={styles.formRow}>
        <TextField
          label="Webhook URL"
          type="url"
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
          }}
          error={placed.fields.url}
          placeholder="https://hooks.example.com/netra"
        />
        <Select
          label="Body format"
          value={format}
          options={FORMAT_OPTIONS}
          onChange={(event) => {
            setFormat(event.target.value as 'generic' | 'slack');
          }}
          error={placed.fields.format}
        />
      </div>
      {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
      <div className={styles.actions}>
        <Button type="submit" loading={add.isPending} disabled={url.trim() === ''}>
          Add webhook
        </Button>
      </div>
      {add.data === undefined ? null : (
        <Alert tone="ok" title="Webhook added">
          <p>
            Deliveries are signed with this secret (X-Netra-Signature, HMAC-SHA256). It is shown only now.
          </p>
          <code className={styles.secret} aria-label="Webhook signing secret">
            {add.data.secret}
          </code>
          <CopyButton text={add.data.secret} label="Copy signing secret" />
        </Alert>
      )}
    </form>
  );
}

function WebhookItem({ target, permission }: { target: WebhookTarget; permission: Permission }) {
  const [url, setUrl] = useState(target.url);
  const [enabled, setEnabled] = useState(target.enabled);
  const [events, setEvents] = useState<WebhookEvent[]>(target.events);
  const update = useUpdateWebhook();
  const test = useTestWebhook();
  const remove = useRemoveWebhook();
  const placed = placeError(update.error, ['url', 'enabled', 'events']);
  const changed = url !== target.url || enabled !== target.enabled || events.join() !== target.events.join();
  const reason = permission.allowed ? undefined : permission.reason;
  const onSave = (event: SyntheticEvent) => {
    event.preventDefault();
    update.mutate({ id: target.id, body: { url: url.trim(), enabled, events } });
  };
  const toggle = (kind: WebhookEvent, on: boolean) => {
    setEvents((current) => WEBHOOK_EVENTS.filter((item) => (item === kind ? on : current.includes(item))));
  };
  return (
    <li className={styles.webhook}>
      <div className={styles.webhookHead}>
        <Badge tone={target.enabled ? 'ok' : 'neutral'}>{target.enabled ? 'On' : 'Off'}</Badge>
        <Badge>{target.format === 'slack' ? 'Slack' : 'Generic JSON'}</Badge>
        <span>{target.url}</span>
      </div>
      <form className={styles.form} noValidate onSubmit={onSave} aria-label={`Webhook ${target.url}`}>
        <fieldset className={styles.fieldset} disabled={!permission.allowed}>
          <TextField
            label="URL"
            type="url"
            value={url}
            onChange={(event) => {
              setUrl(event.target.value);
            }}
            error={placed.fields.url}
          />
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={enabled}
              onChange={(event) => {
                setEnabled(event.target.checked);
              }}
            />
            Enabled
          </label>
          <EventChecklist events={events} onToggle={toggle} error={placed.fields.events} />
        </fieldset>
        {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
        <div className={styles.actions}>
          <Button
            type="submit"
            size="sm"
            loading={update.isPending}
            disabled={!permission.allowed || !changed}
            title={reason}
          >
            Save webhook
          </Button>
          <Button
            variant="secondary"
            size="sm"
            loading={test.isPending}
            disabled={!permission.allowed}
            title={reason}
            onClick={() => {
              test.mutate(target.id);
            }}
          >
            Send test
          </Button>
          <Button
            variant="danger"
            size="sm"
            aria-label={`Remove the webhook ${target.url}`}
            loading={remove.isPending}
            disabled={!permission.allowed}
            title={reason}
            onClick={() => {
              if (window.confirm(`Remove the webhook ${target.url}?`)) {
                remove.mutate(target.id);
              }
            }}
          >
            Remove
          </Button>
        </div>
        <TestOutcome result={test.data} />
        <ActionError error={test.error ?? remove.error} />
      </form>
    </li>
  );
}

function TestOutcome({ result }: { result: WebhookTestResult | undefined }) {
  if (result === undefined) {
    return null;
  }
  return result.delivered ? (
    <Alert tone="ok">
      Test delivered: HTTP {result.status} in {result.duration_ms} ms.
    </Alert>
  ) : (
    <Alert tone="bad" title="Test not delivered">
      {result.error}
      {result.status === null ? '' : ` (HTTP ${result.status})`} after {result.duration_ms} ms.
    </Alert>
  );
}

/** The alert kinds a target receives, one checkbox each, with the API's error for the list under it. */
function EventChecklist(props: {
  events: readonly WebhookEvent[];
  onToggle: (kind: WebhookEvent, on: boolean) => void;
  error: string | undefined;
}) {
  return (
    <fieldset className={styles.fieldset}>
      <legend>Alert kinds sent</legend>
      {WEBHOOK_EVENTS.map((kind) => (
        <label key={kind} className={styles.check}>
          <input
            type="checkbox"
            checked={props.events.includes(kind)}
            onChange={(event) => {
              props.onToggle(kind, event.target.checked);
            }}
          />
          {EVENT_LABELS[kind]}
        </label>
      ))}
      {props.error === undefined ? null : <p className={styles.fieldError}>{props.error}</p>}
    </fieldset>
  );
}

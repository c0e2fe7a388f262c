import { EXAMPLE_PROMPTS } from '../lib/compose-keys';
import styles from './chat.module.css';

/** What an empty thread offers: questions that start an analysis at once. */
export function ExamplePrompts({
  disabled,
  onPick,
}: {
  disabled: boolean;
  onPick: (prompt: string) => void;
}) {
  return (
    <section className={styles.examples} aria-labelledby="chat-examples-heading">
      <h2 id="chat-examples-heading" className={styles.examplesTitle}>
        Ask the agents about your AI spend
      </h2>
      <p className={styles.examplesText}>
        They read this organization’s usage, find where it can save, and answer with a report you can act on.
        Pick a question to start, or write your own below.
      </p>
      <ul className={styles.exampleList}>
        {EXAMPLE_PROMPTS.map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              className={styles.exampleButton}
              disabled={disabled}
              onClick={() => {
                onPick(prompt);
              }}
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

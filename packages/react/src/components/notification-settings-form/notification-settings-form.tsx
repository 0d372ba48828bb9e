'use client';
import type { ClientStartedThread } from '@confide/core';
import { type FormEvent, forwardRef, type HTMLAttributes, useId, useState } from 'react';
import { useMessages } from '../../hooks/use-messages.js';
import { useNotificationSettings } from '../../hooks/use-notification-settings.js';
import { cx } from '../../lib/class-names.js';
import type { StyledComponentProps } from '../shared/part-props.js';
import { ErrorState, errorText, Skeleton } from '../shared/states.js';

/** Props of `NotificationSettingsForm`. */
export interface NotificationSettingsFormProps
  extends Omit<HTMLAttributes<HTMLFormElement>, 'children' | 'onSubmit'>,
    Omit<StyledComponentProps<'root' | 'fieldset' | 'option' | 'submit'>, 'components'> {}

const CHOICES: readonly ClientStartedThread[] = ['assignees', 'assignees_and_owner', 'all_members', 'none'];

/**
 * Whom the firm notifies (in the app and by e-mail) when a client starts a conversation: owners and admins choose
 * and save; other members see the setting read-only.
 *
 * @example
 * <NotificationSettingsForm />
 */
export const NotificationSettingsForm = forwardRef<HTMLFormElement, NotificationSettingsFormProps>(
  function NotificationSettingsForm(props, ref) {
    const { classNames, overrides, className, ...rest } = props;
    const messages = useMessages(overrides);
    const settings = useNotificationSettings();
    const [choice, setChoice] = useState<ClientStartedThread | null>(null);
    const id = useId();
    const selected = choice ?? settings.settings?.clientStartedThread;
    const readOnly = !settings.canUpdate;

    function submit(event: FormEvent) {
      event.preventDefault();
      if (readOnly || !choice || settings.saveState === 'saving') return;
      void settings.update(choice).then(
        () => setChoice(null),
        () => {},
      );
    }
    return (
      <form
        {...rest}
        ref={ref}
        className={cx('confide', 'confide-settings', className, classNames?.root)}
        data-state={settings.status === 'pending' ? 'loading' : settings.status}
        data-disabled={readOnly ? '' : undefined}
        onSubmit={submit}
      >
        {settings.status === 'pending' && <Skeleton rows={4} messages={messages} />}
        {settings.status === 'error' && (
          <ErrorState error={settings.error} messages={messages} onRetry={settings.refetch} />
        )}
        {settings.status === 'success' && (
          <>
            <fieldset
              className={classNames?.fieldset}
              disabled={readOnly}
              aria-describedby={readOnly ? `${id}-read-only` : undefined}
            >
              <legend>{messages.SETTINGS_LEGEND}</legend>
              {CHOICES.map((value) => (
                <label key={value} className={cx('confide-checkbox', classNames?.option)}>
                  <input
                    type="radio"
                    name={`${id}-client-started`}
                    value={value}
                    checked={selected === value}
                    onChange={() => setChoice(value)}
                  />
                  {messages.SETTINGS_OPTION(value)}
                </label>
              ))}
            </fieldset>
            {readOnly ? (
              <p id={`${id}-read-only`} className="confide-hint">
                {messages.SETTINGS_READ_ONLY}
              </p>
            ) : (
              <div className="confide-compose-actions">
                <span role="status" className="confide-hint">
                  {settings.saveState === 'saved' && !choice ? messages.SETTINGS_SAVED : ''}
                </span>
                {settings.saveState === 'failed' && (
                  <span role="alert" className="confide-field-error">
                    {errorText(messages, settings.saveError)}
                  </span>
                )}
                {/* aria-disabled, not disabled: the button is focused when it is pressed, and a disabled one drops
                    keyboard focus to <body> the moment saving starts. submit() ignores it while there is nothing to save. */}
                <button
                  type="submit"
                  className={cx('confide-button', 'confide-button-primary', classNames?.submit)}
                  aria-disabled={!choice || settings.saveState === 'saving' || undefined}
                >
                  {messages.SETTINGS_SAVE}
                </button>
              </div>
            )}
          </>
        )}
      </form>
    );
  },
);

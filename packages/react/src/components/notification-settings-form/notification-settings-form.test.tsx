import { ConfideError, type Transport } from '@confide/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  transportFor,
} from '../../test/setup-client.js';
import { NotificationSettingsForm } from './notification-settings-form.js';

describe('NotificationSettingsForm', () => {
  it('shows the four choices with the current one checked and no axe violations', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <NotificationSettingsForm />);
    const group = await screen.findByRole('group', { name: 'When a client starts a conversation, notify' });
    expect(group).toBeEnabled();
    expect(screen.getAllByRole('radio')).toHaveLength(4);
    expect(screen.getByRole('radio', { name: "The client's assignees and the owner" })).toBeChecked();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('lets an admin change and save the setting', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <NotificationSettingsForm />);
    await userEvent.click(await screen.findByRole('radio', { name: 'All members' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect((await transportFor(mock, 'ben').getNotificationSettings()).clientStartedThread).toBe(
      'all_members',
    );
  });

  it('says when saving fails and keeps the choice', async () => {
    const mock = createMockServer();
    const base = transportFor(mock, 'ben');
    const transport: Transport = {
      ...base,
      updateNotificationSettings: () =>
        Promise.reject(new ConfideError('forbidden', 'Refused by the test', { retryable: false })),
    };
    const client = await clientFor(mock, 'ben', { transport });
    renderWith(client, <NotificationSettingsForm />);
    await userEvent.click(await screen.findByRole('radio', { name: 'No one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have access to this.');
    expect(screen.getByRole('radio', { name: 'No one' })).toBeChecked();
  });

  it.each([
    { outcome: 'saved', fails: false, said: 'Saved.' },
    { outcome: 'failed', fails: true, said: 'You do not have access to this.' },
  ])('keeps keyboard focus on Save while saving and once $outcome', async ({ fails, said }) => {
    const mock = createMockServer();
    const base = transportFor(mock, 'ben');
    let calls = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transport: Transport = {
      ...base,
      updateNotificationSettings: async (...args) => {
        calls += 1;
        await held;
        return fails
          ? Promise.reject(new ConfideError('forbidden', 'Refused by the test', { retryable: false }))
          : base.updateNotificationSettings(...args);
      },
    };
    const client = await clientFor(mock, 'ben', { transport });
    const { container } = renderWith(client, <NotificationSettingsForm />);
    await userEvent.click(await screen.findByRole('radio', { name: 'All members' }));
    const save = screen.getByRole('button', { name: 'Save' });
    save.focus();
    await userEvent.keyboard('{Enter}');
    // A browser moves focus off a button the moment it becomes disabled (jsdom does not), so disabled is the fault.
    await waitFor(() => expect(save).toHaveAttribute('aria-disabled', 'true'));
    expect(save).toBeEnabled();
    await userEvent.keyboard('{Enter}');
    expect(calls).toBe(1);
    release();
    expect(await screen.findByText(said)).toBeInTheDocument();
    expect(save).toHaveFocus();
    expect(save).toBeEnabled();
    if (!fails) expect(save).toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{Enter}');
    expect(calls).toBe(fails ? 2 : 1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows an error with a retry when the settings cannot load', async () => {
    const mock = createMockServer();
    const base = transportFor(mock, 'ben');
    let fail = true;
    const transport: Transport = {
      ...base,
      getNotificationSettings: (options) =>
        fail
          ? Promise.reject(new ConfideError('forbidden', 'Refused by the test', { retryable: false }))
          : base.getNotificationSettings(options),
    };
    const client = await clientFor(mock, 'ben', { transport });
    renderWith(client, <NotificationSettingsForm />);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    fail = false;
    await userEvent.click(retry);
    expect(await screen.findAllByRole('radio')).toHaveLength(4);
  });

  it('is read-only for members who are not owners or admins', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'carla');
    const { container } = renderWith(client, <NotificationSettingsForm />);
    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: 'When a client starts a conversation, notify' }),
      ).toBeDisabled(),
    );
    expect(screen.getByText('Only owners and admins can change this setting.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });
});

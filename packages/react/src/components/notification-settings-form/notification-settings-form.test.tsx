import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  BEN,
  CARLA,
  clientFor,
  createMemoryBackend,
  disposeClients,
  renderWith,
} from '../../test/setup-client.js';
import { NotificationSettingsForm } from './notification-settings-form.js';

afterEach(disposeClients);

describe('NotificationSettingsForm', () => {
  it('shows the four choices with the current one checked and no axe violations', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <NotificationSettingsForm />);
    const group = await screen.findByRole('group', { name: 'When a client starts a conversation, notify' });
    expect(group).toBeEnabled();
    expect(screen.getAllByRole('radio')).toHaveLength(4);
    expect(screen.getByRole('radio', { name: "The client's assignees and the owner" })).toBeChecked();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('lets an admin change and save the setting', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    renderWith(client, <NotificationSettingsForm />);
    await userEvent.click(await screen.findByRole('radio', { name: 'All members' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(backend.as(BEN).getNotificationSettings().clientStartedThread).toBe('all_members');
  });

  it('is read-only for members who are not owners or admins', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, CARLA);
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

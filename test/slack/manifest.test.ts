import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('manifest.yml', () => {
  const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');

  it('declares the /telegent command, Socket Mode, interactivity and App Home', () => {
    expect(manifest).toMatch(/- command: \/telegent/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).toMatch(/interactivity:\s*\n(\s*#.*\n)*\s*is_enabled: true/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(manifest).toMatch(/messages_tab_read_only_enabled: true/);
    expect(manifest).toMatch(/- app_home_opened/);
  });

  it('declares the Workflow Builder read steps the app registers, run by the app itself', () => {
    expect(manifest).toMatch(/^functions:\n {2}check_portin_eligibility:\n/m);
    expect(manifest).toMatch(/^ {2}lookup_number:\n/m);
    for (const output of [
      'eligible',
      'carrier',
      'number_type',
      'message',
      'status',
      'subscriber_name',
      'plan',
      'sim_last4',
    ]) {
      expect(manifest).toMatch(new RegExp(`^ {8}${output}:\\n`, 'm'));
    }
    expect(manifest).toMatch(/- function_executed/);
    expect(manifest).toMatch(/function_runtime: remote/);
    expect(manifest).toMatch(/org_deploy_enabled: true/);
  });

  it('asks for exactly the bot scopes the features need', () => {
    const scopes = [...manifest.matchAll(/^ {6}- ([a-z:.]+)\s*$/gm)].map((m) => m[1]);
    expect(scopes.sort()).toEqual([
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'groups:history',
      'im:history',
      'im:write',
      'usergroups:read',
      'users:read',
    ]);
  });
});

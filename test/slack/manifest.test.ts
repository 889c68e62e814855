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

  it('declares the request steps with a typed requester and channel, the port-in secrets, and their outputs', () => {
    const section = (name: string) => {
      const start = manifest.indexOf(`\n  ${name}:\n`);
      const rest = manifest.slice(start + 1);
      const end = rest.search(/\n(?: {2}[a-z_]+:\n|[a-z_]+:)/);
      return end < 0 ? rest : rest.slice(0, end);
    };
    const provision = section('request_provision');
    const portIn = section('request_port_in');
    for (const step of [provision, portIn]) {
      expect(step).toMatch(/ {8}requester:\n {10}type: slack#\/types\/user_id\n/);
      expect(step).toMatch(/ {8}channel:\n {10}type: slack#\/types\/channel_id\n/);
      expect(step).toMatch(/required: \["requester"/);
      expect(step).toMatch(/ {8}workflow_name:\n/);
    }
    expect(provision).toMatch(/title: Request a new line/);
    for (const input of ['subscriber', 'reason', 'area_code', 'plan']) {
      expect(provision).toMatch(new RegExp(`^ {8}${input}:\\n`, 'm'));
    }
    expect(provision).toMatch(
      /output_parameters:\n {6}properties:\n {8}phone_number:\n[\s\S]* {8}order_id:\n/,
    );
    expect(portIn).toMatch(/title: Request a port-in/);
    for (const input of ['phone_number', 'carrier_name', 'account_number', 'account_pin', 'billing_zip']) {
      expect(portIn).toMatch(new RegExp(`^ {8}${input}:\\n`, 'm'));
    }
    expect(portIn).toMatch(
      /account_pin:\n[^\n]*\n[^\n]*\n {10}description: Kept encrypted; never posted or logged/,
    );
    expect(portIn).toMatch(/output_parameters:\n {6}properties:\n {8}order_id:\n[\s\S]* {8}status:\n/);
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

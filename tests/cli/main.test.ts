// The command plumbing every command shares: help in all its spellings, and subcommand help.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('tongbiao help', () => {
  it('`help validate` prints validate\'s help, as `validate --help` does', () => {
    const help = runCli(['help', 'validate']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tongbiao validate /);
    expect(help.stdout).toBe(runCli(['validate', '--help']).stdout);
    expect(runCli(['help']).stdout).toMatch(/^tongbiao \S+ — /);
  });

  it('`help nosuch` is an unknown command (exit 2, one line)', () => {
    const run = runCli(['help', 'nosuch']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tongbiao: unknown command 'nosuch'. See 'tongbiao --help'.\n");
  });

  it('`user <sub> --help` prints that subcommand\'s help; `user --help` the whole', () => {
    const whole = runCli(['user', '--help']).stdout;
    for (const sub of ['add', 'list', 'passwd', 'disable', 'enable', 'set', 'delete']) {
      const help = runCli(['user', sub, '--help']);
      expect(help.code, sub).toBe(0);
      expect(help.stdout, sub).toMatch(new RegExp(`^Usage: tongbiao user ${sub} `));
      expect(help.stdout, sub).not.toBe(whole);
      expect(runCli(['help', 'user', sub]).stdout, sub).toBe(help.stdout);
    }
    expect(runCli(['user', 'add', 'jiangan', '-h']).stdout).toMatch(/^Usage: tongbiao user add NAME/);
    expect(whole).toMatch(/^Usage: tongbiao user add NAME[^\n]*\n\s+tongbiao user list/);
  });

  it('every command answers --help with its own usage, and the top help lists it', () => {
    const top = runCli(['--help']).stdout;
    const names = [...top.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(['validate', 'diff', 'claim', 'rules', 'explain', 'gen']));
    for (const name of names) expect(runCli([name, '--help']).stdout, name).toMatch(new RegExp(`^Usage: tongbiao ${name}\\b`));
  });
});

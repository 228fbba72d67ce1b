/**
 * `keysmith completion bash|zsh|fish`, run by the real shells: each script is loaded into the shell
 * it is for, with a `keysmith` on PATH that is the built CLI, and asked what it completes. bash
 * through its completion function (COMP_WORDS), fish through `complete -C` (what Tab shows), zsh
 * through its function with `_describe` and `_files` recording what they are handed.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDataDir } from '../support/cli';
import { requireTool } from '../support/requirements';

const PASSPHRASE = 'correct horse battery staple';
const BASH = requireTool('bash', 'the bash completion script is run by bash');
const ZSH = requireTool('zsh', 'the zsh completion script is run by zsh');
const FISH = requireTool('fish', 'the fish completion script is run by fish');

let bin: string;
let home: string;
const scripts: Record<string, string> = {};

function shell(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${program} failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

beforeAll(async () => {
  bin = mkdtempSync(path.join(tmpdir(), 'keysmith-bin-'));
  writeFileSync(path.join(bin, 'keysmith'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(path.join(bin, 'keysmith'), 0o755);
  home = tempDataDir();
  const env = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE };
  expect((await runCli(['init'], { env })).code).toBe(0);
  for (const name of ['Cloud Manager', 'Stock']) expect((await runCli(['add', 'apikey', '--name', name, '--client-id', `id-${name.length}`], { env })).code).toBe(0);
  for (const sh of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', sh]);
    expect(result.code, result.stderr).toBe(0);
    scripts[sh] = path.join(bin, `completion.${sh}`);
    writeFileSync(scripts[sh]!, result.stdout);
  }
}, 120_000);

const unlocked = () => ({ KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE });
/** A passphrase vault with no way to open it silently: completion must not ask, and offers no names. */
const locked = () => ({ KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: '', KEYSMITH_SESSION: '' });

describe.skipIf(BASH === null)('bash', () => {
  const complete = (words: string[], env: NodeJS.ProcessEnv) =>
    shell(BASH!, ['-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _keysmith; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', scripts.bash!, ...words], env).then((o) => o.split('\n').filter(Boolean));

  it('completes commands, flags, flag values and kinds', async () => {
    expect(await complete(['keysmith', 'to'], unlocked())).toEqual(['token']);
    expect(await complete(['keysmith', 'token', '--f'], unlocked())).toEqual(['--format', '--force']);
    expect(await complete(['keysmith', 'token', 'x', '--format', ''], unlocked())).toEqual(['raw', 'header', 'curl', 'json', 'env', 'jwt']);
    expect(await complete(['keysmith', 'add', 'o'], unlocked())).toEqual(['oauthS2S', 'oauth2', 'oauthUser', 'oauth2User']);
    expect(await complete(['keysmith', 'completion', ''], unlocked())).toEqual(['bash', 'zsh', 'fish']);
  });

  it('completes integration names quoted for the shell, and none (without asking) when the vault cannot open silently', async () => {
    expect(await complete(['keysmith', 'show', ''], unlocked())).toEqual(['Cloud\\ Manager', 'Stock']);
    expect(await complete(['keysmith', 'rm', 'Stock', ''], unlocked())).toEqual(['Cloud\\ Manager']);
    expect(await complete(['keysmith', 'show', ''], locked())).toEqual([]);
  });

  it('falls back to file names where a path is expected', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keysmith-files-'));
    writeFileSync(path.join(dir, 'project.json'), '{}');
    expect(await complete(['keysmith', 'import', `${dir}/pro`], unlocked())).toEqual([`${dir}/project.json`]);
  });
});

describe.skipIf(FISH === null)('fish', () => {
  const complete = (line: string, env: NodeJS.ProcessEnv) =>
    shell(FISH!, ['--no-config', '-c', `source $argv[1]; complete -C $argv[2]`, scripts.fish!, line], env).then((o) => o.split('\n').filter(Boolean));

  it('completes commands with their summaries, flags and names', async () => {
    expect(await complete('keysmith to', unlocked())).toEqual(['token\tprint an access token (cached, re-minted before expiry)']);
    expect(await complete('keysmith show ', unlocked())).toEqual(['Cloud Manager\tAPI key', 'Stock\tAPI key']);
    expect(await complete('keysmith show ', locked())).toEqual([]);
    expect(await complete('keysmith keygen x --bits ', unlocked())).toEqual(['2048', '3072', '4096']);
  });
});

describe.skipIf(ZSH === null)('zsh', () => {
  const complete = (words: string[], env: NodeJS.ProcessEnv) =>
    shell(
      ZSH!,
      [
        '-f',
        '-c',
        // compdef and the two completion helpers the script calls are stood in for; the function itself runs as zsh runs it.
        `compdef() { :; }; _describe() { print -rl -- "\${(@P)\${@[-1]}}"; }; _files() { print -r -- FILES; }; source "$1"; shift; words=("$@"); CURRENT=$#; _keysmith; true`,
        'zsh',
        scripts.zsh!,
        ...words,
      ],
      env,
    ).then((o) => o.split('\n').filter(Boolean));

  it('hands _describe commands with summaries, names with colons escaped, and _files for paths', async () => {
    expect(await complete(['keysmith', 'to'], unlocked())).toEqual(['token:print an access token (cached, re-minted before expiry)']);
    expect(await complete(['keysmith', 'show', ''], unlocked())).toEqual(['Cloud Manager:API key', 'Stock:API key']);
    expect(await complete(['keysmith', 'show', ''], locked())).toEqual([]);
    expect(await complete(['keysmith', 'import', ''], unlocked())).toEqual(['FILES']);
  });
});

/**
 * `keysmith completion bash|zsh|fish`: a script that asks `keysmith __complete` on each Tab, so
 * commands, flags, flag values and integration names come from this very version (complete.ts).
 */
import type { CliContext } from '../cli-context';
import { COMPLETION_SHELLS } from '../command-flags';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeExact } from '../terminal';
import { didYouMean, withHint } from '../../shared/did-you-mean';
import { visibleText } from '../../shared/terminal-text';

const BASH = `# keysmith completion for bash: source it, or save it as
# ~/.local/share/bash-completion/completions/keysmith
_keysmith() {
  local cur=\${COMP_WORDS[COMP_CWORD]} line
  local -a lines
  COMPREPLY=()
  mapfile -t lines < <(command keysmith __complete --shell bash -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  if [[ \${lines[0]-} == :file ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return 0
  fi
  for line in "\${lines[@]}"; do
    # Names may hold spaces: each candidate goes in as one quoted word.
    COMPREPLY+=("$(printf '%q' "$line")")
  done
}
complete -F _keysmith keysmith
`;

const ZSH = `#compdef keysmith
# keysmith completion for zsh: save it as _keysmith in a folder of $fpath, or source it.
_keysmith() {
  local -a lines
  lines=("\${(@f)$(command keysmith __complete --shell zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ \${lines[1]} == :file ]]; then
    _files
    return
  fi
  lines=(\${lines:#})
  (( \${#lines} )) && _describe -t keysmith keysmith lines
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _keysmith "$@"
else
  compdef _keysmith keysmith
fi
`;

const FISH = `# keysmith completion for fish: save it as ~/.config/fish/completions/keysmith.fish
function __keysmith_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    set -l out (command keysmith __complete --shell fish -- $words 2>/dev/null)
    if test "$out[1]" = ":file"
        __fish_complete_path (commandline -ct)
    else
        printf '%s\\n' $out
    end
end
complete -c keysmith -f -a '(__keysmith_complete)'
`;

const SCRIPTS = { bash: BASH, zsh: ZSH, fish: FISH } as const;

export async function completion(args: string[], ctx: CliContext): Promise<void> {
  const { positionals } = parseCommandArgs('completion', args, {}, { min: 1, max: 1, names: `the shell: ${COMPLETION_SHELLS.join(', ')}` });
  const shell = positionals[0]!;
  if (!Object.hasOwn(SCRIPTS, shell)) {
    throw usageError('completion', `No completion for "${visibleText(shell)}": use ${COMPLETION_SHELLS.join(', ')}${withHint(didYouMean(shell, COMPLETION_SHELLS))}`);
  }
  writeExact(ctx.io.stdout, SCRIPTS[shell as keyof typeof SCRIPTS].trimEnd());
}

import type { KeysmithApi } from '../bridge';

export interface KeypairPanelProps {
  api: KeysmithApi;
  /** the integration the keys belong to */
  name: string;
  /** after a generate, import, rotate or remove, so the list's certificate marks refresh */
  onChanged: () => void;
}

/** PLACEHOLDER (being written): the keypair wizard and the list of keypairs. */
export function KeypairPanel(_props: KeypairPanelProps) {
  return null;
}

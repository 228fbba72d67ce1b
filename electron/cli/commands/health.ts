export async function health(): Promise<void> {
  throw new Error('not yet');
}

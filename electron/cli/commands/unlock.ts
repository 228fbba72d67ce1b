export async function unlock(): Promise<void> {}

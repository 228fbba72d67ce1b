export async function lock(): Promise<void> {}

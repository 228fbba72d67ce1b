export async function complete(): Promise<void> {}

export async function completion(): Promise<void> {}

export async function runStartCommand(): Promise<void> {
  throw new Error("todo");
}

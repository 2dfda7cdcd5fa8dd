/** Whether a process of this machine still runs: what tells a killed run's leftovers from a live one's. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // It exists, but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

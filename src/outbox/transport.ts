import type { OutgoingFile, Target } from "./outgoing.ts";

/** What actually delivers a message: Wechaty in production, the mock puppet in the simulator. */
export interface Transport {
  send(target: Target, text: string): Promise<void>;
  /** The file exists when this is called. */
  sendFile(target: Target, file: OutgoingFile): Promise<void>;
}

/** The account is not logged in: the message waits, and the attempt does not count. */
export class NotConnectedError extends Error {
  constructor() {
    super("not logged in");
    this.name = "NotConnectedError";
  }
}

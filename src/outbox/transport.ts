import type { Target } from "../bot/inbound-message.ts";

/** What actually delivers a message: Wechaty in production, the mock puppet in the simulator. */
export interface Transport {
  send(target: Target, text: string): Promise<void>;
}

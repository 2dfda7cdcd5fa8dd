import type { Logger } from "pino";
import type { Config } from "../config/load-config.ts";
import type { Clock } from "../core/clock.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { MessagePipeline } from "../bot/message-pipeline.ts";
import { OutboxSender, senderOptions } from "../outbox/outbox-sender.ts";
import type { Transport } from "../outbox/transport.ts";
import { openDirectoryVersion } from "../store/directory-version.ts";
import { openStore, type Store } from "../store/open-store.ts";
import { loadCalendarOverride } from "../domain/calendar-override.ts";
import { createScheduler, type Scheduler } from "../schedule/scheduler.ts";
import { WorkingCalendar } from "../domain/working-calendar.ts";

export interface App {
  config: Config;
  clock: Clock;
  time: ZonedTime;
  /** The Chinese working calendar with DUBAN_CALENDAR_FILE (a bad file stops start-up). */
  calendar: WorkingCalendar;
  store: Store;
  pipeline: MessagePipeline;
  sender: OutboxSender;
  /** The daily jobs; the transport starts its cron, the simulator drives it as TimedWork. */
  scheduler: Scheduler;
  log: Logger;
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  clock: Clock;
  transport: Transport;
  log: Logger;
  /** The sender's jitter source; the simulator passes a seeded one. */
  random?: () => number;
}

/** Wires the store, the message pipeline, the outbox sender and the scheduler; no transport specifics here. */
export async function createApp(o: AppOptions): Promise<App> {
  const { config, clock, log } = o;
  const calendar = new WorkingCalendar(loadCalendarOverride(config.DUBAN_CALENDAR_FILE));
  const store = await openStore(config.DATABASE_URL);
  const time = new ZonedTime(config.DUBAN_TZ);
  const sender = new OutboxSender(
    store,
    o.transport,
    clock,
    senderOptions(config),
    log,
    o.random,
  );
  await sender.init();
  const directoryVersion = await openDirectoryVersion(config.DATABASE_URL);
  const onEnqueued = () => sender.notify();
  const pipeline = new MessagePipeline({ store, config, clock, time, calendar, log, directoryVersion, onEnqueued });
  const scheduler = createScheduler({ store, config, clock, time, calendar, log, onEnqueued });
  return {
    config,
    clock,
    time,
    calendar,
    store,
    pipeline,
    sender,
    scheduler,
    log,
    async close() {
      await scheduler.stop();
      await sender.stop();
      await directoryVersion.close();
      await store.$disconnect();
    },
  };
}

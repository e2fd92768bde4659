import pg from "pg";

export interface ChangeListenerOptions {
  /** Connection string of the platform's database. */
  url: string;
  /** The channel the database's change triggers notify (`t4m_changes`). */
  channel: string;
  /**
   * What to do when data may have changed: on every notification, and on every (re)connection,
   * since whatever changed while the listener was away sent a notification nobody heard.
   */
  onChange(): void;
  log?: { warn(object: object, message: string): void };
  /** First wait before reconnecting, doubled on each failure up to `maxDelayMs` (0.2 s → 5 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * A connection that LISTENs for the database's change notifications, kept open: when it drops
 * (the server restarted, the backend was terminated, the network failed) it connects again with
 * a bounded backoff, for as long as the app runs.
 */
export class ChangeListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  private stopped = false;
  /** Successful connections so far (the first one, then one per reconnection). */
  connections = 0;

  constructor(private readonly options: ChangeListenerOptions) {
    this.delay = options.minDelayMs ?? 200;
  }

  /** Connects once; a failure here is logged and retried in the background, like a drop later. */
  async start(): Promise<void> {
    await this.connect();
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 5000, application_name: "trade4msmes-listener" });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      const established = this.client === client;
      if (established) this.client = undefined;
      client.end().catch(() => {});
      if (this.stopped) return;
      // One line when the connection drops, and one per try at most every 5 s while the database is away.
      if (established) this.options.log?.warn({ err: error }, "change listener lost its connection; reconnecting");
      else this.options.log?.warn({ err: error }, "change listener could not connect; trying again");
      this.retry();
    };
    client.on("notification", () => this.options.onChange());
    client.on("error", onLost);
    client.on("end", () => onLost());
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.connections++;
    this.delay = this.options.minDelayMs ?? 200;
    // Changes made while nobody listened (or before the first connection) cleared nothing.
    this.options.onChange();
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 5000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, wait);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

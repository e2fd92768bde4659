import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on localhost (a free port), keeping every message it accepts, parsed. */
export async function smtpServer(port = 0, options: { refuse?: (address: string) => boolean } = {}) {
  const received: ParsedMail[] = [];
  /** Each accepted message's envelope (SMTP MAIL FROM and RCPT TO), in the order of `received`. */
  const envelopes: { from: string; to: string[] }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // A recipient the server does not have: refused for good (550), as a real server bounces it.
    onRcptTo(address, _session, done) {
      if (options.refuse?.(address.address)) done(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      else done();
    },
    onData(stream, session, done) {
      // Accept (250) only once the message is recorded, as a real server accepts once it is stored.
      simpleParser(stream).then((mail) => {
        received.push(mail);
        const from = session.envelope.mailFrom;
        envelopes.push({ from: from ? from.address : "", to: session.envelope.rcptTo.map((r) => r.address) });
        done();
      }, done);
    },
  });
  // A client that dies mid-conversation (a process killed while sending) resets its connection:
  // a real server notes it and carries on; without a listener the 'error' would end the test run.
  const errors: Error[] = [];
  server.on("error", (error) => errors.push(error));
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const actual = (server.server.address() as AddressInfo).port;
  return { port: actual, url: `smtp://127.0.0.1:${actual}`, received, envelopes, errors, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

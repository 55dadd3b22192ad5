// What the job machinery logs through (pino's call shape: fields first, then the message).

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

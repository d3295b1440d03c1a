import pino, { type Logger } from 'pino';

type SerializedError = ReturnType<typeof pino.stdSerializers.err> & Record<string, unknown>;

/**
 * Errors without the values they carry: a failed statement's bind parameters (a password hash,
 * an e-mail) and PostgreSQL's `detail` ("Key (email)=(…) already exists") stay out of the logs.
 */
function errorWithoutValues(error: Error): SerializedError {
  const serialized = pino.stdSerializers.err(error) as SerializedError;
  delete serialized.parameters;
  delete serialized.detail;
  const driverError = serialized.driverError as Record<string, unknown> | undefined;
  if (driverError && typeof driverError === 'object') {
    serialized.driverError = { ...driverError, detail: undefined, parameters: undefined };
  }
  return serialized;
}

/** JSON logs; secrets, tokens and query values never reach them. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'epairs-api' },
    serializers: { err: errorWithoutValues },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'token',
        '*.token',
        'refreshToken',
        '*.refreshToken',
      ],
      censor: '[masqué]',
    },
  };
  // Tests pass a destination to read what would have been logged.
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };

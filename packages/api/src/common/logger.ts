import pino, { type Logger } from 'pino';

/** JSON logs; secrets and tokens never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'epairs-api' },
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
  });
}

export type { Logger };

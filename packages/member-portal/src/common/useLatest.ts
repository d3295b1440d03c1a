import { useEffect, useRef } from 'react';

/**
 * The latest value, for code that awaits the network: what the person typed while a save was in
 * flight must be kept, not replaced by the text the save sent.
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}

/**
 * An async action that runs one at a time: a call while one is under way is ignored, so a double
 * tap or Enter twice writes once (the button's `disabled` comes a render too late).
 */
export function useOneAtATime<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const busy = useRef(false);
  return async (...args: A): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    try {
      await action(...args);
    } finally {
      busy.current = false;
    }
  };
}

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

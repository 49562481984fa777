/** One dispatched Server-Sent Event (WHATWG HTML, "Interpreting an event stream"). */
export interface SseMessage {
  event: string;
  data: string;
  /** The stream's last event id at dispatch time (ids persist across events, as in EventSource). */
  lastEventId: string;
}

export interface SseParser {
  /** Feeds decoded text; chunks may split lines, fields and CRLF pairs anywhere. */
  push(text: string): void;
  readonly lastEventId: string;
  /** The server's `retry:` advice in ms, if it gave one. */
  readonly retryMs: number | undefined;
}

/** EventSource cannot send an Authorization header, and service workers have none: this parses a fetch body instead. */
export function createSseParser(onMessage: (message: SseMessage) => void, lastEventId = ''): SseParser {
  let buffer = '';
  let skipLf = false;
  let data: string[] = [];
  let event = '';
  let retryMs: number | undefined;

  function line(text: string) {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
  }

  function dispatch() {
    const message = { event: event || 'message', data: data.join('\n'), lastEventId };
    const hadData = data.length > 0;
    data = [];
    event = '';
    if (hadData) onMessage(message);
  }

  return {
    push(text) {
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c !== '\n' && c !== '\r') continue;
        if (c === '\n' && skipLf && i === start && buffer === '') {
          skipLf = false;
          start = i + 1;
          continue;
        }
        line(buffer + text.slice(start, i));
        buffer = '';
        skipLf = c === '\r';
        start = i + 1;
      }
      if (start < text.length) skipLf = false;
      buffer += text.slice(start);
    },
    get lastEventId() {
      return lastEventId;
    },
    get retryMs() {
      return retryMs;
    },
  };
}

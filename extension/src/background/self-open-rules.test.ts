import { describe, expect, it } from 'vitest';
import { selfOpenRules } from './self-open-rules';

function matches(collector: string, url: string): boolean {
  return selfOpenRules(collector).some((rule) => new RegExp(rule.condition.regexFilter).test(url));
}

describe('self-open rules', () => {
  const collector = 'https://beacon.example.com';
  it("block this collector's pixel, with or without .gif", () => {
    expect(matches(collector, 'https://beacon.example.com/o/abc.def')).toBe(true);
    expect(matches(collector, 'https://beacon.example.com/o/abc.def.gif')).toBe(true);
  });
  it("block it through Gmail's image proxy, which keeps the original after #", () => {
    expect(matches(collector, 'https://ci3.googleusercontent.com/meips/ADKq_NZ=s0-d-e1-ft#https://beacon.example.com/o/abc.def')).toBe(true);
    expect(matches(collector, 'https://ci5.googleusercontent.com/proxy/xyz=s0-d-e1-ft#https://beacon.example.com/o/abc')).toBe(true);
  });
  it('leave clicks, other collectors and look-alike hosts alone', () => {
    expect(matches(collector, 'https://beacon.example.com/c/abc')).toBe(false);
    expect(matches(collector, 'https://beacon.example.com.evil.net/o/abc')).toBe(false);
    expect(matches(collector, 'https://other.example.com/o/abc')).toBe(false);
    expect(matches(collector, 'https://ci3.googleusercontent.com/meips/x#https://other.example.com/o/abc')).toBe(false);
    expect(matches('http://127.0.0.1:8787', 'http://127.0.0.1:8788/o/abc')).toBe(false);
  });
});

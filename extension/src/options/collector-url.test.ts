import { describe, expect, it } from 'vitest';
import { collectorUrlProblem } from './collector-url';

describe('the collector address typed at sign-in', () => {
  it('is taken as it is when it starts with https:// or http://', () => {
    expect(collectorUrlProblem(' https://beacon.acme.example ')).toBeNull();
    expect(collectorUrlProblem('http://127.0.0.1:8787')).toBeNull();
  });

  it('without a scheme, says so and offers the https:// address', () => {
    expect(collectorUrlProblem('beacon.acme.example')).toBe(
      '“beacon.acme.example” has no https:// or http:// in front. Did you mean https://beacon.acme.example?',
    );
    expect(collectorUrlProblem('localhost:8787')).toContain('Did you mean https://localhost:8787?');
  });

  it('asks for an address when there is none, and refuses other schemes and non-addresses', () => {
    expect(collectorUrlProblem('  ')).toBe("Enter your collector's address, like https://beacon.example.com.");
    expect(collectorUrlProblem('ftp://beacon.acme.example')).toContain('is not a web address');
    expect(collectorUrlProblem('not an address')).toContain('is not a web address');
  });
});

import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/core/pack/schema';

describe('pack versions', () => {
  it('orders semantic versions the way an author expects', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-beta', '1.0.0')).toBe(-1);
    expect(compareVersions('0.9.0', '1.0.0')).toBe(-1);
  });
});

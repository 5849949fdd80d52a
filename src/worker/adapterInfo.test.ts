import { describe, expect, it } from 'vitest';
import { describeAdapter, isSoftwareAdapter } from './adapterInfo';

describe('isSoftwareAdapter', () => {
  it('knows the software adapters by name, in any case and any field', () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'Google', architecture: '', description: 'SwiftShader Device (Subzero)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', device: 'Lavapipe' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'unknown', description: 'Software Adapter' })).toBe(true);
  });

  it('trusts isFallbackAdapter when the browser sets it', () => {
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: true })).toBe(true);
  });

  it('takes real GPUs for hardware', () => {
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp', description: '' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'amd', architecture: 'rdna-2' })).toBe(false);
    expect(isSoftwareAdapter({})).toBe(false);
    expect(isSoftwareAdapter(undefined)).toBe(false);
  });
});

describe('describeAdapter', () => {
  it('joins what the browser tells, once each', () => {
    expect(describeAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe('google swiftshader');
    expect(describeAdapter({ vendor: 'nvidia', architecture: 'ampere', description: ' ' })).toBe('nvidia ampere');
    expect(describeAdapter({ vendor: 'apple', architecture: 'apple', description: 'Apple M2' })).toBe('apple Apple M2');
    expect(describeAdapter({})).toBe('unknown adapter');
  });
});

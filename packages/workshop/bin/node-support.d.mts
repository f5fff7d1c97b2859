export function supportedRange(): string;
export function howToGetNode(): string;
export function unsupportedHere(version?: string, platform?: string): string | undefined;

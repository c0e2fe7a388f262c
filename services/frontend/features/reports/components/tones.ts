/** Badge tones the report view gives to levels, so risk reads the same on every card. */
export const RISK_TONES = { low: 'neutral', medium: 'warn', high: 'bad' } as const;

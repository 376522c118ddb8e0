/**
 * Earned value figures (DOMAIN.md, "Earned value") at full precision; round only for display.
 * A ratio whose denominator is zero is null (undefined, not infinite): SPI with no planned value,
 * CPI with no actual cost, and everything that divides by them.
 */
export interface EarnedValueInput {
  bac: number;
  pv: number;
  ev: number;
  ac: number;
}

export interface EarnedValueFigures {
  sv: number;
  cv: number;
  spi: number | null;
  cpi: number | null;
  /** EAC = BAC / CPI */
  eac: number | null;
  /** EAC = AC + (BAC − EV): the remaining work at budget rate */
  eacAtypical: number;
  /** EAC = AC + (BAC − EV) / (CPI × SPI) */
  eacCpiSpi: number | null;
  /** ETC = EAC − AC */
  etc: number | null;
  /** VAC = BAC − EAC */
  vac: number | null;
  /** TCPI = (BAC − EV) / (BAC − AC) */
  tcpi: number | null;
}

const div = (a: number, b: number) => (b === 0 ? null : a / b);

export function earnedValue({ bac, pv, ev, ac }: EarnedValueInput): EarnedValueFigures {
  const spi = div(ev, pv);
  const cpi = div(ev, ac);
  const eac = cpi === null ? null : div(bac, cpi);
  const cpiSpi = cpi === null || spi === null ? null : cpi * spi;
  const eacCpiSpi = cpiSpi === null ? null : (() => {
    const r = div(bac - ev, cpiSpi);
    return r === null ? null : ac + r;
  })();
  return {
    sv: ev - pv,
    cv: ev - ac,
    spi,
    cpi,
    eac,
    eacAtypical: ac + (bac - ev),
    eacCpiSpi,
    etc: eac === null ? null : eac - ac,
    vac: eac === null ? null : bac - eac,
    tcpi: div(bac - ev, bac - ac),
  };
}

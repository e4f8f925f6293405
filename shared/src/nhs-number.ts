/**
 * NHS numbers: ten digits, the last a Modulus 11 check digit over the first nine
 * (weights 10 down to 2). A remainder giving check 10 means the number is never issued.
 */
export function normaliseNhsNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(raw: string | null | undefined): boolean {
  if (!raw) return false;
  const n = normaliseNhsNumber(raw);
  if (!/^\d{10}$/.test(n)) return false;
  return nhsCheckDigit(n.slice(0, 9)) === Number(n[9]);
}

/**
 * Explains, in words a person understands, why an NHS number is not valid; null when it is.
 * It never quotes the number: an NHS number, even a mistyped one, is personal data.
 */
export function nhsNumberProblem(raw: string): string | null {
  const n = normaliseNhsNumber(raw);
  if (!/^\d+$/.test(n)) return "That is not an NHS number: an NHS number has only digits.";
  if (n.length !== 10) return `That is not an NHS number: an NHS number has 10 digits, this has ${n.length}.`;
  if (!isValidNhsNumber(n)) {
    return "That is not a valid NHS number: its check digit does not match. Check it for a mistyped or swapped digit.";
  }
  return null;
}

/** Formats as the NHS shows it on letters: 3-3-4 with spaces. */
export function formatNhsNumber(n: string): string {
  const d = normaliseNhsNumber(n);
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** Formats collector numbers for people. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return `${(value * 100).toFixed(digits)}%`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return '–';
  }
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  if (seconds < 3600) {
    return `${(seconds / 60).toFixed(1)} min`;
  }
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A check's value in its unit (`ratio`, `minutes`, `days`, ...). */
export function checkValue(value: number | null, unit: string): string {
  if (value === null) {
    return '–';
  }
  switch (unit) {
    case 'ratio':
      return percent(value);
    case 'minutes':
      return `${value.toFixed(1)} min`;
    case 'days':
      return `${value.toFixed(0)} d`;
    default:
      return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
  }
}

/** `component:default/payments` → `payments`; keeps the namespace when not default. */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) {
    return '–';
  }
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return withoutKind.startsWith('default/')
    ? withoutKind.slice('default/'.length)
    : withoutKind;
}

const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Orders grades best first; unknown grades last. */
export function gradeOrder(grade: string | null | undefined): number {
  const index = GRADES.indexOf(grade ?? '');
  return index < 0 ? GRADES.length : index;
}

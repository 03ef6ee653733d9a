/** One hard-coded user-facing string in a component's markup. */
export interface HardCodedString {
  line: number;
  what: string;
  text: string;
}

export function findHardCodedStrings(source: string): HardCodedString[];

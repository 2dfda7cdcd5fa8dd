/**
 * The longest unit name accepted, from a ledger or 绑定. Real names (区住房和城乡建设委员会)
 * are well under it; a pasted paragraph in the unit column would otherwise be repeated in
 * every list and reminder line and split a reply into dozens of parts.
 */
export const MAX_UNIT_NAME_CHARS = 50;

export const unitNameLength = (name: string): number => [...name].length;

/** The titles an addressee's name can carry ("Mr", "Dr", "Cllr", ...), as a pattern's alternation. */
export const TITLE = "(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Professor|Prof|Cllr|Councillor|Rev|Revd)";

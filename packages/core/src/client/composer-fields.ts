import { findMergeFields, isKnownMergeField } from '@confide/protocol';

/** The merge fields still written in a draft's text, split into unknown ones and known ones left unfilled. */
export function mergeFieldsOf(subject: string, body: string) {
  const names = [...new Set([...findMergeFields(subject), ...findMergeFields(body)])];
  return {
    unknown: names.filter((name) => !isKnownMergeField(name)),
    unfilled: names.filter(isKnownMergeField),
  };
}

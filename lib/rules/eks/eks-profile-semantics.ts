import { defineRule, NO_VIOLATIONS } from '../rule.js';

const PIN_LABEL = 'eks.amazonaws.com/fargate-profile';

/** Pods pinned to a named Fargate profile: the pin only works when that profile also selects them. */
export const eksProfileSemantics = defineRule({
  id: 'eks-profile-semantics',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'Pod pins a Fargate profile by label',
  rationale:
    'When several profiles match, EKS picks one by the alphanumeric order of profile names unless the pod ' +
    `carries the label ${PIN_LABEL}; the pod must still match a selector of the profile it names.`,
  fix: `Make sure the profile named by ${PIN_LABEL} has a selector matching the pod's namespace and labels, or remove the label.`,
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['profileLabel'],
  evaluate(workload) {
    const pinned = workload.labels[PIN_LABEL];
    if (pinned === undefined) return NO_VIOLATIONS;
    const match = workload.eks?.fargateProfile;
    if (match === undefined) {
      return [
        {
          message:
            `The pod carries ${PIN_LABEL}: ${pinned}; profiles are not known here, so check that profile ` +
            `"${pinned}" has a selector matching namespace "${workload.namespace ?? 'default'}" and the pod labels.`,
        },
      ];
    }
    if (match === null) {
      return [
        {
          message: `The pod carries ${PIN_LABEL}: ${pinned}, but no Fargate profile of the cluster selects it.`,
        },
      ];
    }
    if (match.profileName !== pinned) {
      return [
        {
          message:
            `The pod carries ${PIN_LABEL}: ${pinned}, but the profile found to select it is ` +
            `"${match.profileName}"; check that profile "${pinned}" exists and has a selector matching the pod.`,
        },
      ];
    }
    return NO_VIOLATIONS;
  },
});

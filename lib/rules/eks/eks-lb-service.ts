import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Services that reach the pods through node ports or instance targets. */
export const eksLbService = defineRule({
  id: 'eks-lb-service',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'Service needs IP targets to reach Fargate pods',
  rationale:
    'Fargate pods have no node to open a NodePort on: Network and Application Load Balancers reach them with ' +
    "IP targets only, and Classic Load Balancers (the in-tree controller's default) cannot be used.",
  fix:
    'Serve the Service with the AWS Load Balancer Controller: annotate an NLB Service with ' +
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip, or use an Ingress with ' +
    'alb.ingress.kubernetes.io/target-type: ip.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['services'],
  evaluate(workload) {
    const services = workload.eks?.services;
    if (services === undefined || services.length === 0) return NO_VIOLATIONS;
    return services.flatMap((service) => {
      // ipTargets on a NodePort Service: the reader found an ALB Ingress with target-type ip in front of it.
      if (service.type === 'NodePort' && !service.ipTargets) {
        return [
          {
            message:
              `Service "${service.name}" is a NodePort Service; Fargate pods have no node port, so traffic must ` +
              'reach them by IP (fine if an ALB Ingress with target-type: ip fronts it).',
          },
        ];
      }
      if (service.type === 'LoadBalancer' && !service.ipTargets) {
        return [
          {
            message: `Service "${service.name}" is a LoadBalancer Service without IP targets (Classic LB or instance targets).`,
          },
        ];
      }
      return NO_VIOLATIONS;
    });
  },
});

/** The scenario cannot be served as written (a dangling reference, an impossible placement...). */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

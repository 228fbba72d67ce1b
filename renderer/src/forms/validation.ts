/**
 * The model's own validation, for the renderer. The CSP setting is imported first on purpose: ES
 * modules run in import order, and the schemas must be created after it.
 */
import './zod-csp';

export { fieldErrors, requiredFields } from '../../../electron/shared/integration-validation';

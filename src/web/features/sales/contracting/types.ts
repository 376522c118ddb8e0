/** Wire types of the contracting API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  ContractDetail as ContractDetailSchema, ContractPage as ContractPageSchema, ContractResponse, CreatedSurveyResponse, OrderResponse, ProductList as ProductListSchema, ProductResponse,
  PublicSurveyResponse, QuoteList as QuoteListSchema, QuoteResponse, SurveyPage as SurveyPageSchema, CreateProductRequest, QuoteLineInput as QuoteLineInputSchema,
} from '../../../../contracts/contracting.js';

export type Product = z.infer<typeof ProductResponse>;
export type ProductList = z.infer<typeof ProductListSchema>;
export type CreateProduct = z.input<typeof CreateProductRequest>;
export type Quote = z.infer<typeof QuoteResponse>;
export type QuoteList = z.infer<typeof QuoteListSchema>;
export type QuoteLineInput = z.input<typeof QuoteLineInputSchema>;
export type Contract = z.infer<typeof ContractResponse>;
export type ContractDetail = z.infer<typeof ContractDetailSchema>;
export type ContractPage = z.infer<typeof ContractPageSchema>;
export type Order = z.infer<typeof OrderResponse>;
export type Survey = z.infer<typeof SurveyPageSchema>['items'][number];
export type SurveyPage = z.infer<typeof SurveyPageSchema>;
export type CreatedSurvey = z.infer<typeof CreatedSurveyResponse>;
export type PublicSurvey = z.infer<typeof PublicSurveyResponse>;

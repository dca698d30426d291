/** Every list endpoint answers this shape. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  /** False when PostgreSQL estimated a total beyond 10,000 matches. */
  readonly total_exact: boolean;
  readonly page: number;
  readonly per_page: number;
}

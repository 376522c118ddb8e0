/** (to be built) */
export default function PortfolioPage() {
  return null;
}

"""What the static host needs: security headers, redirects, the safe swap into site/."""

# Writes example-data.csv: the Gaussian kernel's weight exp(-u²/2) at a few
# distances u. The guide links the CSV, so the site publishes it; nothing
# links this script, so it stays private (see "Bundles: what gets published").
import math

with open("example-data.csv", "w") as f:
    f.write("u,weight\n")
    for u in (-2, -1, 0, 1, 2):
        f.write(f"{u},{math.exp(-u * u / 2):.6f}\n")

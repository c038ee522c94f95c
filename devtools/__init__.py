"""Developer tools kept outside the shipped package: the benchmark, synthetic data, the dev server and browser launcher."""

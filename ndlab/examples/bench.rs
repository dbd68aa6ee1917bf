//! Benchmark of the linear-algebra backend compiled in (single-threaded, release):
//!
//! ```sh
//! cargo run --release -p ndlab --example bench                     # faer
//! cargo run --release -p ndlab --example bench --features mkl      # Intel MKL (MKLROOT set)
//! ```
//!
//! Each operation is warmed up once, then timed `REPS` times; the median is printed in ms.
use ndarray::Array2;
use ndarray_rand::RandomExt;
use ndlab::linalg;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use std::time::Instant;

const REPS: usize = 9;

fn randn(m: usize, n: usize, seed: u64) -> Array2<f64> {
    Array2::random_using((m, n), StandardNormal, &mut ChaCha8Rng::seed_from_u64(seed))
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    f();
    let mut t: Vec<f64> = (0..REPS)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[REPS / 2]
}

fn main() {
    let x = randn(500, 500, 1);
    let sym = &x + &x.t();
    let tall = randn(1000, 200, 2);
    let a = randn(1000, 1000, 3) + Array2::<f64>::eye(1000) * 10.0;
    let b = randn(1000, 1, 4).column(0).to_owned();
    let m1 = randn(512, 512, 5);
    let m2 = randn(512, 512, 6);
    println!("backend: {}", linalg::BACKEND);
    let rows: [(&str, Box<dyn FnMut()>); 5] = [
        ("eigh 500x500 (values + vectors)", Box::new(|| drop(linalg::eigh(&sym).unwrap()))),
        ("thin svd 1000x200", Box::new(|| drop(linalg::svd(&tall).unwrap()))),
        ("solve 1000x1000, one rhs", Box::new(|| drop(linalg::solve(&a, &b).unwrap()))),
        ("matmul 512x512 (linalg::matmul)", Box::new(|| drop(linalg::matmul(&m1, &m2).unwrap()))),
        ("matmul 512x512 (ndarray .dot)", Box::new(|| drop(m1.dot(&m2)))),
    ];
    for (name, mut f) in rows {
        println!("{name:<34} {:>8.2} ms", median_ms(&mut f));
    }
}

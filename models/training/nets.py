"""Network definitions (small enough to train on two CPU cores)."""
import torch
import torch.nn as nn


def cbr(i, o, k=3, s=1):
    return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))


class CamNet(nn.Module):
    """Strided CNN with a class-activation-map head.

    cam[n, c] = W_c . features[n]  (1x1 conv, no bias)   -> output "cam"   [N, C, H/16, W/16]
    logits[n, c] = mean_hw(cam[n, c]) + b_c             -> output "logits" [N, C]
    i.e. global average pooling followed by a linear layer, rewritten so the CAM is exact.

    `aux` is a training-only 1x1 head that predicts the coarse ground-truth finding masks from the
    same features (auxiliary localisation loss); it is not part of forward() and so not exported.
    """

    def __init__(self, n_out, chans=(12, 24, 48, 96)):
        super().__init__()
        c1, c2, c3, c4 = chans
        self.features = nn.Sequential(
            cbr(1, c1, 5, 2),
            cbr(c1, c2, 3, 2), cbr(c2, c2),
            cbr(c2, c3, 3, 2), cbr(c3, c3),
            cbr(c3, c4, 3, 2), cbr(c4, c4),
        )
        self.cam = nn.Conv2d(c4, n_out, 1, bias=False)
        self.bias = nn.Parameter(torch.zeros(n_out))
        self.aux = nn.Conv2d(c4, n_out, 1)

    def forward(self, x):
        cam = self.cam(self.features(x))
        logits = cam.mean(dim=(2, 3)) + self.bias
        return logits, cam

    def forward_train(self, x):
        f = self.features(x)
        cam = self.cam(f)
        return cam.mean(dim=(2, 3)) + self.bias, cam, self.aux(f)


class UNetSmall(nn.Module):
    """Compact U-Net; output = per-pixel lesion logit (sigmoid -> probability)."""

    def __init__(self, ch=(8, 16, 32, 64)):
        super().__init__()
        c1, c2, c3, c4 = ch
        self.e1 = nn.Sequential(cbr(1, c1), cbr(c1, c1))
        self.e2 = nn.Sequential(cbr(c1, c2), cbr(c2, c2))
        self.e3 = nn.Sequential(cbr(c2, c3), cbr(c3, c3))
        self.b = nn.Sequential(cbr(c3, c4), cbr(c4, c4))
        self.pool = nn.MaxPool2d(2)
        self.u3 = nn.ConvTranspose2d(c4, c3, 2, 2)
        self.d3 = cbr(2 * c3, c3)
        self.u2 = nn.ConvTranspose2d(c3, c2, 2, 2)
        self.d2 = cbr(2 * c2, c2)
        self.u1 = nn.ConvTranspose2d(c2, c1, 2, 2)
        self.d1 = cbr(2 * c1, c1)
        self.out = nn.Conv2d(c1, 1, 1)

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(self.pool(e1))
        e3 = self.e3(self.pool(e2))
        b = self.b(self.pool(e3))
        d3 = self.d3(torch.cat([self.u3(b), e3], 1))
        d2 = self.d2(torch.cat([self.u2(d3), e2], 1))
        d1 = self.d1(torch.cat([self.u1(d2), e1], 1))
        return self.out(d1)


class DnCNNLite(nn.Module):
    """Residual denoiser: image = x - noise_estimate(x). Fully convolutional (any H x W)."""

    def __init__(self, ch=24, depth=5):
        super().__init__()
        layers = [nn.Conv2d(1, ch, 3, 1, 1), nn.ReLU(inplace=True)]
        for _ in range(depth - 2):
            layers += [nn.Conv2d(ch, ch, 3, 1, 1), nn.ReLU(inplace=True)]
        layers += [nn.Conv2d(ch, 1, 3, 1, 1)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return x - self.body(x)


def n_params(m):
    return sum(p.numel() for p in m.parameters())
